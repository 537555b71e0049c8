"""Make the PDF's tags true to the document where WeasyPrint 70 leaves them short (ADR 0010).

WeasyPrint tags every page on its own, so a table split by a page break becomes one
`Table` per page, each continuation with the repeated header tagged as content again; it
gives table cells `/Headers` naming `/ID`s without an `/IDTree` to look them up, and no
header cell a `/Scope`; and it tags the page margins (marking, running titles, page
numbers), then leaves them out of the structure tree. After WeasyPrint has written the
PDF, `fix_tags` reopens it with pikepdf and:

- gives every `TH` the `/Scope` of its HTML `scope` (a header row's cells: `/Column`);
- joins the pieces of a split table into its first `Table` (the row group the page break
  split into one `TBody` again) and points the cells' `/Headers` at the header cells the
  repeated ones copy;
- marks as pagination artifacts, in the page content, whatever is tagged but not in the
  structure tree: the page margins and the repeated headers taken out of it;
- builds the `/IDTree` that resolves every `/ID`.

Which pieces belong to one HTML table is not guessed from the PDF: WeasyPrint keeps, on
each laid-out table cell box, the structure element it wrote for it (`box.mark`), so
`table_cells` reads from the layout each cell's object number, HTML table, row group and
`scope`. Without those marks (another WeasyPrint) it finds no cell and tables are left as
WeasyPrint tagged them.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, Object
from weasyprint.document import Document
from weasyprint.formatting_structure import boxes

SCOPES = {"row": Name.Row, "rowgroup": Name.Row, "col": Name.Column, "colgroup": Name.Column}
ROW_GROUPS = (Name.THead, Name.TBody, Name.TFoot)


@dataclass(frozen=True)
class Cell:
    """A table cell's structure element as WeasyPrint wrote it, and its HTML source."""

    number: int  # object number of the TD/TH structure element
    page: int
    element: object  # the <td>/<th> (one element for a header repeated on every page)
    table: object  # its <table>
    row_group: object  # its <thead>/<tbody>/<tfoot>
    is_header: bool  # a <th>
    scope: str | None  # its scope attribute
    in_header: bool  # in the table's header row group


def table_cells(document: Document) -> list[Cell]:
    """Every table cell laid out in the rendered document, in page order."""
    cells: list[Cell] = []

    def walk(box, page: int, table, group) -> None:
        if isinstance(box, boxes.TableBox):
            table = box.element
        elif isinstance(box, boxes.TableRowGroupBox):
            group = box
        mark = getattr(box, "mark", None)  # set by weasyprint.pdf.tags on TD/TH boxes
        if mark is not None and getattr(mark, "number", None) is not None:
            cells.append(
                Cell(
                    number=mark.number,
                    page=page,
                    element=box.element,
                    table=table,
                    row_group=group.element if group is not None else None,
                    is_header=box.element_tag == "th",
                    scope=box.element.get("scope"),
                    in_header=bool(group is not None and group.is_header),
                )
            )
        for child in getattr(box, "children", ()):
            walk(child, page, table, group)

    for number, page in enumerate(document.pages):
        walk(page._page_box, number, None, None)
    return cells


def fix_tags(pdf_bytes: bytes, cells: list[Cell]) -> bytes:
    """The PDF WeasyPrint wrote, its tags completed (`cells`: from `table_cells`)."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.Root.StructTreeRoot
        headers = {cell.number: pdf.get_object(cell.number, 0) for cell in cells if cell.is_header}
        for cell in cells:
            if cell.is_header:
                _set_scope(headers[cell.number], cell)
        repeated, same_header, split = _join_split_tables(pdf, cells, headers)
        for cell in cells:
            if id(cell.table) in split and not cell.is_header:
                _repoint_headers(pdf.get_object(cell.number, 0), same_header)
        _mark_artifacts(pdf, root)
        root.IDTree = pdf.make_indirect(_id_tree(headers, repeated))
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _set_scope(th: Object, cell: Cell) -> None:
    default = Name.Column if cell.in_header else Name.Row
    if "/A" not in th:
        th.A = Dictionary(O=Name.Table)
    th.A.Scope = SCOPES.get((cell.scope or "").lower(), default)


def _ancestor(elem: Object, kind: Name) -> Object | None:
    while elem is not None and "/P" in elem:
        elem = elem.P
        if elem.get("/S") == kind:
            return elem
    return None


def _join_split_tables(pdf: pikepdf.Pdf, cells: list[Cell], headers: dict[int, Object]):
    """Join each split table into its first piece. Returns the repeated headers' structure
    elements (their content becomes artifacts), for each repeated header cell's ID the ID
    of the cell it repeats, and the HTML tables that were split."""
    pieces: dict[int, list[Object]] = defaultdict(list)  # HTML table -> its Tables
    group_of: dict[tuple[int, int], object] = {}  # THead/TBody/TFoot -> its HTML element
    first_header: dict[int, Object] = {}  # a header cell's first structure element
    same_header: dict[str, Object] = {}
    seen: set[tuple[int, int]] = set()
    for cell in cells:
        if (id(cell.row_group), cell.page) not in seen:  # a table's row group on a page
            seen.add((id(cell.row_group), cell.page))
            elem = pdf.get_object(cell.number, 0)
            table = _ancestor(elem, Name.Table)
            if table is None:
                continue
            if not any(piece.objgen == table.objgen for piece in pieces[id(cell.table)]):
                pieces[id(cell.table)].append(table)
            group = elem.P.get("/P")  # TD/TH > TR > THead/TBody/TFoot
            if isinstance(group, Dictionary) and group.get("/S") in ROW_GROUPS:
                group_of[group.objgen] = cell.row_group
        if cell.in_header and cell.is_header:
            elem = headers[cell.number]
            original = first_header.setdefault(id(cell.element), elem)
            if original.objgen != elem.objgen and "/ID" in elem and "/ID" in original:
                same_header[str(elem.ID)] = original.ID

    repeated: list[Object] = []
    split = {html_table for html_table, tables in pieces.items() if len(tables) > 1}
    for html_table in split:
        first, *others = pieces[html_table]
        for piece in others:
            for kid in list(piece.K):
                if kid.get("/S") == Name.THead and _all_repeated(kid, same_header):
                    repeated.append(kid)
                    continue
                last = first.K[len(first.K) - 1] if len(first.K) else None
                same_group = (
                    last is not None
                    and kid.get("/S") in ROW_GROUPS
                    and group_of.get(kid.objgen) is not None
                    and group_of.get(kid.objgen) is group_of.get(last.objgen)
                )
                if same_group and last is not None:  # the split row group: one TBody again
                    for row in kid.K:
                        row.P = last
                        last.K.append(row)
                else:
                    kid.P = first
                    first.K.append(kid)
            _remove(piece)
    return repeated, same_header, split


def _all_repeated(head: Object, same_header: dict[str, Object]) -> bool:
    ths = [elem for elem in _descendants(head) if elem.get("/S") == Name.TH]
    return bool(ths) and all("/ID" in th and str(th.ID) in same_header for th in ths)


def _descendants(elem: Object):
    """The structure elements under `elem` (a loop, not recursion: the tree is deep)."""
    stack = [elem]
    while stack:
        for kid in reversed(_kids(stack.pop())):
            if isinstance(kid, Dictionary) and kid.get("/Type") != Name.OBJR:
                yield kid
                stack.append(kid)


def _kids(elem: Object) -> list:
    k = elem.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _remove(elem: Object) -> None:
    """Take a structure element out of its parent, and the parent if that leaves it empty."""
    parent = elem.P
    kept = [kid for kid in _kids(parent) if not _same(kid, elem)]
    parent.K = Array(kept)
    if not kept and parent.get("/S") not in (None, Name.Document) and "/P" in parent:
        _remove(parent)


def _same(a, b) -> bool:
    return isinstance(a, Dictionary) and a.is_indirect and a.objgen == b.objgen


def _repoint_headers(elem: Object, same_header: dict[str, Object]) -> None:
    attributes = elem.get("/A")
    if not isinstance(attributes, Dictionary) or "/Headers" not in attributes:
        return
    attributes.Headers = Array(same_header.get(str(h), h) for h in attributes.Headers)


# WeasyPrint opens each piece of marked content as `/Span <</MCID 12>> BDC` (pydyf writes
# one token a line); text is drawn with hexadecimal strings, so the pattern cannot match
# inside a string.
MARKED_CONTENT = re.compile(rb"/[A-Za-z]+\s+<<\s*/MCID\s+(\d+)\s*>>\s+BDC")
PAGINATION_ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"


def _mark_artifacts(pdf: pikepdf.Pdf, root: Object) -> None:
    """Marked content whose structure element is not in the tree becomes a pagination
    artifact: the page margins (WeasyPrint tags them, then leaves them out of the tree)
    and the repeated table headers taken out of it."""
    in_tree = {elem.objgen for elem in _descendants(root)}
    nums = root.ParentTree.Nums
    mcid_maps = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for page in pdf.pages:
        mcid_map = mcid_maps.get(int(page.obj.get("/StructParents", -1)))
        if not isinstance(mcid_map, Array):
            continue
        mcids = {
            mcid
            for mcid, elem in enumerate(mcid_map)
            if isinstance(elem, Dictionary) and elem.objgen not in in_tree
        }
        if not mcids:
            continue
        page.contents_coalesce()
        found: set[int] = set()

        def artifact(match: re.Match, mcids=mcids, found=found) -> bytes:
            if int(match[1]) not in mcids:
                return match[0]
            found.add(int(match[1]))
            return PAGINATION_ARTIFACT

        content = MARKED_CONTENT.sub(artifact, page.obj.Contents.read_bytes())
        if found != mcids:  # not as WeasyPrint writes it: leave this page's tags as they are
            continue
        page.obj.Contents.write(content)
        for mcid in mcids:
            mcid_map[mcid] = None


def _id_tree(headers: dict[int, Object], repeated: list[Object]) -> Object:
    """A name tree of every ID still in the structure tree (one leaf: the IDs sorted)."""
    removed = {elem.objgen for head in repeated for elem in _descendants(head)}
    ids = {
        bytes(elem.ID): elem
        for elem in headers.values()
        if "/ID" in elem and elem.objgen not in removed
    }
    names = Array()
    for key in sorted(ids):
        names.append(pikepdf.String(key))
        names.append(ids[key])
    return Dictionary(Names=names)
