"""The tags of the demo IDD's PDF, read with pikepdf: what a screen reader and a PDF/UA
validator walk (the structure tree), not what is painted."""

import io
import re
import subprocess
import tempfile

import pikepdf
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from pikepdf import Array, Dictionary, Name

from idd.document.snapshot import load, snapshot
from idd.export import render_html, render_pdf
from idd.models import Initiative
from idd.reference import roles

MARKING = "CUI//TEST MARKING"


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker):
    """The maritime initiative's print HTML and PDF, rendered once for this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        for role in roles.ALL_ROLES:  # transactional tests may have flushed the data migration
            Group.objects.get_or_create(name=role)
        call_command("seed_demo", "--allow-in-production", stdout=io.StringIO())
        initiative = Initiative.objects.get(title="Kestrela coastal patrol capability")
        doc = snapshot(load(initiative.pk))
        with override_settings(MARKING=MARKING):
            html, pdf = render_html(doc), render_pdf(doc)
        transaction.set_rollback(True)
    return html, pdf


@pytest.fixture(scope="module")
def pdf(exported):
    with pikepdf.open(io.BytesIO(exported[1])) as document:
        yield document


def kids(elem: Dictionary) -> list:
    k = elem.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def is_elem(kid) -> bool:
    return isinstance(kid, Dictionary) and kid.get("/Type") not in (Name.OBJR, Name.MCR)


def walk(elem: Dictionary, ancestors=()):
    """Every structure element in reading order, with its ancestors' types."""
    for kid in kids(elem):
        if is_elem(kid):
            yield kid, ancestors
            yield from walk(kid, (*ancestors, str(kid.S)))


@pytest.fixture(scope="module")
def elements(pdf):
    return list(walk(pdf.Root.StructTreeRoot))


def of_type(elements, kind: str) -> list[Dictionary]:
    return [elem for elem, _ in elements if str(elem.S) == kind]


def is_annotation(kid) -> bool:
    return isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR


def test_every_link_annotation_is_owned_by_a_link_element_and_links_do_not_nest(pdf, elements):
    links = of_type(elements, "/Link")
    assert links, "the contents lists its parts as links"
    owned = set()
    for link in links:
        objrs = [kid for kid in kids(link) if is_annotation(kid)]
        assert objrs, "a Link element without its annotation"
        owned.update(objr.Obj.objgen for objr in objrs)
    for elem, ancestors in elements:
        if any(is_annotation(kid) for kid in kids(elem)):
            assert str(elem.S) == "/Link", f"a link annotation hangs on {elem.S}"
        if str(elem.S) == "/Link":
            assert "/Link" not in ancestors, "a Link inside a Link"
    annotations = [
        a for page in pdf.pages for a in page.get("/Annots", []) if str(a.Subtype) == "/Link"
    ]
    assert {a.objgen for a in annotations} == owned


def test_every_header_cell_has_a_scope_and_every_headers_id_resolves(pdf, elements):
    headers = of_type(elements, "/TH")
    assert headers
    for th in headers:
        assert th.A.Scope in (Name.Row, Name.Column, Name.Both), th.get("/ID")
    names = pdf.Root.StructTreeRoot.IDTree.Names
    id_tree = {bytes(names[i]): names[i + 1] for i in range(0, len(names), 2)}
    ids_in_tree = {bytes(th.ID): th.objgen for th in headers if "/ID" in th}
    assert {key: elem.objgen for key, elem in id_tree.items()} == ids_in_tree
    cells = of_type(elements, "/TD")
    assert any("/Headers" in td.A for td in cells)
    for td in cells:
        for header in td.A.get("/Headers", []):
            assert bytes(header) in ids_in_tree, f"/Headers names {header}, no header cell"


def test_a_table_split_by_a_page_break_is_one_table_with_one_header(pdf, exported, elements):
    tables = of_type(elements, "/Table")
    assert len(tables) == exported[0].count("<table"), "one Table element per HTML table"
    split = [t for t in tables if len({e.Pg.objgen for e, _ in walk(t) if "/Pg" in e}) > 1]
    assert split, "the demo IDD has a table over two pages"
    for table in tables:
        assert [str(kid.S) for kid in kids(table)].count("/THead") <= 1


def test_lists_hold_list_items_and_items_hold_a_label_and_a_body(elements):
    lists = of_type(elements, "/L")
    assert lists
    for elem in lists:
        assert {str(kid.S) for kid in kids(elem) if is_elem(kid)} <= {"/LI", "/L", "/Caption"}
    for item in of_type(elements, "/LI"):
        assert {str(kid.S) for kid in kids(item) if is_elem(kid)} <= {"/Lbl", "/LBody"}


def test_headings_go_down_one_level_at_a_time(elements):
    levels = [int(str(elem.S)[2:]) for elem, _ in elements if re.fullmatch(r"/H[1-6]", str(elem.S))]
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"H{before} is followed by H{after}"


def test_every_figure_has_a_text_alternative(elements):
    figures = of_type(elements, "/Figure")
    assert figures, "the commitment charts are figures"
    for figure in figures:
        assert str(figure.get("/Alt", "")).strip()


def tagged_text(pdf_bytes: bytes) -> str:
    """The text of the structure tree only (poppler), without the pages' artifacts."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf_bytes)
        file.flush()
        args = ["pdfinfo", "-struct-text", file.name]
        return subprocess.run(args, capture_output=True, check=True, text=True).stdout


def test_the_marking_is_read_once_in_the_tagged_content_before_the_title(exported):
    text = tagged_text(exported[1])
    assert text.count(MARKING) == 1
    assert text.index(MARKING) < text.index("Kestrela coastal patrol capability")


def test_all_tagged_content_is_in_the_structure_tree(pdf, elements):
    """The page margins (marking, running titles, page numbers) and repeated table headers
    are artifacts: no marked content belongs to an element a reader cannot reach."""
    in_tree = {elem.objgen for elem, _ in elements}
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    for i in range(0, len(nums), 2):
        if isinstance(nums[i + 1], Array):  # a page's marked content, by MCID
            for mcid, elem in enumerate(nums[i + 1]):
                if isinstance(elem, Dictionary):
                    assert elem.objgen in in_tree, f"page {nums[i]}, MCID {mcid}: not in the tree"
