"""The comparison's marks as the templates write them: each says to a screen reader what
it is and where it ends (templates/idd/review/changes.html)."""


def ins(text: str) -> str:
    return (
        f'<ins class="review-new"><span class="usa-sr-only">Added: </span>{text}'
        '<span class="usa-sr-only"> (end added)</span></ins>'
    )


def deleted(text: str) -> str:
    return (
        f'<del class="review-old"><span class="usa-sr-only">Removed: </span>{text}'
        '<span class="usa-sr-only"> (end removed)</span></del>'
    )
