"""What every form that places an organisation on the map checks."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PlaceChecks(forms.ModelForm):
    """Both coordinates or neither, and a region inside the chosen country."""

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        region, country = data.get("region"), data.get("country")
        if region and country and region.country != country:
            self.add_error("region", _("This region is not in the chosen country."))
        return data
