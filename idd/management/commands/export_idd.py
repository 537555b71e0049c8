"""`manage.py export_idd <initiative id> -o file.pdf [--document notification]`: batch export
of the printed IDD or of another printable document (the Section 333 notification draft)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from idd.export import KINDS, document_for, render_html, render_pdf
from idd.models import Initiative


class Command(BaseCommand):
    help = (
        "Export an initiative's IDD as the PDF that goes into staffing packages "
        "(or, with --html, as the print HTML; to a .docx file, as the Word copy). With "
        "--document notification, its Section 333 congressional notification draft instead. "
        "An approved initiative exports its approved revision."
    )

    def add_arguments(self, parser):
        parser.add_argument("initiative", type=int, help="the initiative's id (as in its URL)")
        parser.add_argument(
            "-o", "--output", required=True, type=Path, help="file to write (.pdf, .html, .docx)"
        )
        parser.add_argument(
            "--html", action="store_true", help="write the print HTML instead of the PDF"
        )
        parser.add_argument(
            "--document",
            choices=sorted(KINDS),
            default="idd",
            help="which document: the IDD (the default) or the notification draft",
        )
        parser.add_argument(
            "--with-review-remarks",
            action="store_true",
            help="add to the IDD an annex with the reviewers' internal remarks "
            "(not for the staffing copy)",
        )

    def handle(self, *args, initiative: int, output: Path, html: bool, document: str, **options):
        remarks = options["with_review_remarks"]
        if remarks and document != "idd":
            raise CommandError("--with-review-remarks adds an annex to the IDD only.")
        try:
            found = Initiative.objects.get(pk=initiative)
        except Initiative.DoesNotExist as missing:
            raise CommandError(f"No initiative has the id {initiative}.") from missing
        if not output.parent.is_dir():
            raise CommandError(f"The folder {output.parent} does not exist.")
        kind = KINDS[document]
        doc = document_for(found)
        if not kind.offered(doc):
            raise CommandError(kind.refusal(doc))
        if html:
            output.write_text(
                render_html(doc, media="print", with_review_remarks=remarks)
                if remarks
                else kind.html(doc, media="print"),
                encoding="utf-8",
            )
            written = "print HTML"
        elif output.suffix.lower() == f".{kind.copy_extension}":
            output.write_bytes(kind.copy(doc))
            written = f"Word copy ({output.suffix})"
        else:
            output.write_bytes(
                render_pdf(doc, with_review_remarks=True) if remarks else kind.pdf(doc)
            )
            written = "PDF"
        if kind.slug != "idd":
            written += f" of the {kind.title}"
        self.stdout.write(f"Wrote the {written} of “{found.title}” to {output}")
