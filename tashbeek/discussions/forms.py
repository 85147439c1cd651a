"""Forms of discussions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_BODY


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text; links and simple formatting (bold, lists, quotes) are kept."),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 4})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)
