"""Forms for signing up, signing in, resetting a password and editing a profile."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from tashbeek.core.dates import TIME_ZONES
from tashbeek.core.forms import FastSelect
from tashbeek.core.mail import send_localised

from .models import User
from .services import PROFILE_FIELDS

EMAIL_TAKEN = _(
    "An account with this e-mail address already exists. Sign in or reset the password."
)


class SignUpForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(EMAIL_TAKEN)
        return email

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            candidate = User(email=data.get("email", ""), full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class SignInForm(AuthenticationForm):
    """Signs in by e-mail address, whatever its case (addresses are stored in lower case)."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or password is wrong, or the address is not verified yet."
        ),
        "inactive": _(
            "This account is not active yet: follow the link in the verification e-mail."
        ),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class LocalisedPasswordResetForm(PasswordResetForm):
    """Sends the reset link in the account holder's preferred language."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        link = reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": context["token"],
            },
        )
        send_localised(
            to=to_email,
            language=user.preferred_language,
            template="accounts/email/password_reset",
            context={"user": user, "link": link},
        )


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        required=False,
        choices=[("", _("Not set: times only in each event's own zone"))]
        + [(t, t) for t in TIME_ZONES],
        widget=FastSelect,
        help_text=_("Event times are shown in the event's zone, and in yours where it differs."),
    )

    class Meta:
        model = User
        fields = PROFILE_FIELDS


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
    )
