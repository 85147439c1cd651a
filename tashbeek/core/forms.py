"""Shared form pieces: per-language text inputs, digit folding, content-checked images."""

import uuid

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.forms.utils import flatatt
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .audit import ACTIONS, action_label
from .audit_display import object_type_label
from .files import LIBRARY_TYPES, reencode_image, validate_document_upload
from .i18n import direction, language_codes
from .text import normalise_digits


class TranslatedWidget(forms.MultiWidget):
    """One input per language, each with its own lang and dir."""

    template_name = "core/widgets/translated.html"

    def __init__(self, multiline: bool = False, attrs=None):
        base = forms.Textarea(attrs={"rows": 4}) if multiline else forms.TextInput()
        widgets = {}
        for code in language_codes():
            widget = type(base)(attrs={**base.attrs, "lang": code, "dir": direction(code)})
            widgets[code] = widget
        super().__init__(widgets, attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(code, "") for code in language_codes()]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        labels = dict(settings.LANGUAGES)
        for sub, code in zip(context["widget"]["subwidgets"], language_codes(), strict=True):
            sub["language_label"] = labels[code]
        return context


class TranslatedField(forms.MultiValueField):
    """A text kept per language; cleans to {"ar": ..., "fr": ...} without blanks."""

    def __init__(self, *, multiline: bool = False, max_length: int = 255, **kwargs):
        fields = [forms.CharField(required=False, max_length=max_length) for _c in language_codes()]
        kwargs.setdefault("require_all_fields", False)
        super().__init__(fields=fields, widget=TranslatedWidget(multiline=multiline), **kwargs)

    def compress(self, data_list):
        return {
            code: text.strip()
            for code, text in zip(language_codes(), data_list or [], strict=False)
            if text and text.strip()
        }

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(_("Give this in at least one language."), code="required")


class DigitFoldingMixin:
    """Accept Arabic-Indic and Persian digits in every numeric input (٢٠٢٤ → 2024)."""

    NUMERIC = (forms.IntegerField, forms.DecimalField, forms.FloatField, forms.DateField)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Browsers refuse ٠-٩ in <input type=number>; a text input with a numeric keyboard
        # lets people type the digits they use, and the server folds them.
        for field in self.fields.values():
            if isinstance(field.widget, forms.NumberInput):
                mode = "numeric" if isinstance(field, forms.IntegerField) else "decimal"
                field.widget = forms.TextInput(attrs={"inputmode": mode, "dir": "ltr"})

    def _clean_fields(self):
        if self.is_bound:
            data = self.data.copy()
            for name, field in self.fields.items():
                key = self.add_prefix(name)
                if isinstance(field, self.NUMERIC) and key in data:
                    data[key] = normalise_digits(data[key])
            self.data = data
        return super()._clean_fields()


IMAGE_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}


def cleaned_image(upload) -> ContentFile:
    """A checked image as it will be stored and served publicly: its pixels re-encoded by
    Pillow (nothing appended to it, no metadata) as JPEG or PNG, under a name we chose."""
    validate_image_upload(upload)
    upload.seek(0)
    with Image.open(upload) as image:
        image_format = "JPEG" if image.format == "JPEG" else "PNG"
    extension = "jpg" if image_format == "JPEG" else "png"
    return ContentFile(reencode_image(upload, image_format), name=f"{uuid.uuid4().hex}.{extension}")


def validate_image_upload(upload) -> None:
    """Decide the type from the content (Pillow), never the name; bound the size."""
    if upload.size > settings.LOGO_MAX_BYTES:
        raise forms.ValidationError(
            _("The file is too large: at most %(mb)s MB."),
            params={"mb": settings.LOGO_MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
        raise forms.ValidationError(
            _("This file is not a PNG, JPEG, WebP or GIF image."), code="not_image"
        ) from exc
    finally:
        upload.seek(0)
    if kind not in IMAGE_FORMATS:
        raise forms.ValidationError(
            _("This file is not a PNG, JPEG, WebP or GIF image."), code="not_image"
        )


class AuditFilterForm(forms.Form):
    """The audit log's filters; bad values are ignored rather than failing the page."""

    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("Actor"), required=False, max_length=254)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Reason contains"), required=False, max_length=200)

    def __init__(self, *args, object_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        # In the reader's language, sorted as they read them.
        actions = sorted(((code, action_label(code)) for code in ACTIONS), key=lambda c: c[1])
        self.fields["action"].choices = [("", _("All")), *actions]
        types = sorted(((t, object_type_label(t)) for t in object_types), key=lambda c: c[1])
        self.fields["object_type"].choices = [("", _("All")), *types]

    def filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}


class FastSelect(forms.Select):
    """A single <select> rendered in Python. Django renders every <option> through its own
    template include; for the ~250 countries that costs more than the rest of the page."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = (
            "" if value is None else str(value[0] if isinstance(value, list | tuple) else value)
        )
        options = [
            f'<option value="{escape(key)}"{" selected" if str(key) == chosen else ""}>'
            f"{escape(label)}</option>"
            for key, label in self.choices
        ]
        return mark_safe(f"<select{flatatt(final)}>{''.join(options)}</select>")  # noqa: S308 (escaped above)


def slug_filter(label, queryset) -> forms.ModelChoiceField:
    """A list page's optional filter on a related object named by its slug in the address
    (`?theme=water`), with "All" first."""
    return forms.ModelChoiceField(
        label=label,
        required=False,
        queryset=queryset,
        to_field_name="slug",
        empty_label=_("All"),
        widget=FastSelect,
    )


class PrivateUploadForm(forms.Form):
    """A document to store privately (`core.models.PrivateFile`): its title in several
    languages, the file checked by content, and whether everyone may read it. Subclasses say
    who reads it otherwise (`public_help`) and add their own fields."""

    public_help: str | Promise = ""

    titles = TranslatedField(label=_("Title"), required=True, max_length=200)
    file = forms.FileField(label=_("File"))
    public = forms.BooleanField(label=_("Public"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public"].help_text = self.public_help

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_document_upload(upload, allowed=LIBRARY_TYPES)
        return upload
