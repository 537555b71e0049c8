"""{% notification_offered doc as offered %}: the initiative has a Section 333 notification."""

from django import template

from idd.document.shape import Document
from idd.export.notification import NOTIFICATION

register = template.Library()


@register.simple_tag
def notification_offered(doc: Document) -> bool:
    return NOTIFICATION.offered(doc)
