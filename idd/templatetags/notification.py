"""{% notification_offered doc as offered %}: the initiative has a Section 333 notification."""

from django import template

from idd.export.notification import NOTIFICATION
from idd.snapshot_shape import Document

register = template.Library()


@register.simple_tag
def notification_offered(doc: Document) -> bool:
    return NOTIFICATION.offered(doc)
