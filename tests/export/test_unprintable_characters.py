"""Text stored before noncharacters were refused (issue 23): the Word copy leaves them
out (XML cannot hold them), the PDFs print a replacement mark; neither fails."""

import io

from docx import Document as read_docx

from idd.export import IDD, NOTIFICATION, document_for
from idd.models import Initiative
from tests.export.pdftools import flat, pdf_text

TITLE = "Kestrela coastal patrol\uffff capability\ufffe"


def test_a_title_with_noncharacters_still_exports(maritime):
    Initiative.objects.filter(pk=maritime.pk).update(title=TITLE)  # as stored before
    doc = document_for(Initiative.objects.get(pk=maritime.pk))

    for word in (NOTIFICATION.copy(doc), IDD.copy(doc)):
        copy = read_docx(io.BytesIO(word))
        headings = [p.text for p in copy.paragraphs if p.style.name == "Title"]
        assert headings == ["Kestrela coastal patrol capability"]
    for pdf in (IDD.pdf(doc), NOTIFICATION.pdf(doc)):
        assert "Kestrela coastal patrol\ufffd capability\ufffd" in flat(" ".join(pdf_text(pdf)))
