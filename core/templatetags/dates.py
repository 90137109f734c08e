from django import template

from core.dates import short_date

register = template.Library()


@register.filter
def day(value):
    """{{ date|day }}: '1 dec 2026', empty for no date."""
    return short_date(value) if value else ""
