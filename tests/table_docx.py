"""Small Word files with tables, written by hand for the table tests (no licence needed: our
own text). ``docx_with_styles`` adds a styles part so a table style's lines count."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.test_docx_import import ROOT_RELS, W_NS, document_xml, write_zip

if TYPE_CHECKING:
    from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'
)
_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="styles.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/styles"/></Relationships>'
)
# "Grid" draws every line through "Base" (basedOn); "Plain" is the default and draws none
STYLES = (
    f'<?xml version="1.0"?><w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="table" w:default="1" w:styleId="Plain"><w:name w:val="Normal Table"/>'
    "</w:style>"
    '<w:style w:type="table" w:styleId="Base"><w:tblPr><w:tblBorders>'
    '<w:top w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>'
    "</w:tblBorders></w:tblPr></w:style>"
    '<w:style w:type="table" w:styleId="Grid"><w:basedOn w:val="Base"/></w:style>'
    "</w:styles>"
)


def p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def tc(text: str = "", span: int = 1, merge: str | None = None) -> str:
    props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if merge is not None:
        props += f'<w:vMerge w:val="{merge}"/>' if merge else "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text) if text else '<w:p/>'}</w:tc>"


def tbl(rows: list[list[str]], style: str | None = None, borders: str = "") -> str:
    props = f'<w:tblStyle w:val="{style}"/>' if style else ""
    props += f"<w:tblBorders>{borders}</w:tblBorders>" if borders else ""
    body = "".join(f"<w:tr>{''.join(cells)}</w:tr>" for cells in rows)
    return f"<w:tbl><w:tblPr>{props}</w:tblPr>{body}</w:tbl>"


def docx_with_styles(path: Path, body: str) -> Path:
    return write_zip(
        path,
        {
            "[Content_Types].xml": _CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "word/_rels/document.xml.rels": _DOCUMENT_RELS,
            "word/styles.xml": STYLES,
            "word/document.xml": document_xml(body),
        },
    )


FEES = tbl(
    [
        [tc("项目"), tc("金额", span=2)],
        [tc("服务费", merge="restart"), tc("【服务费用】"), tc("元")],
        [tc(merge=""), tc("____"), tc("元")],
    ],
    style="Grid",
)
CONTACTS = tbl([[tc("联系人：____"), tc("电话：____")]])
SERVICE_CONTRACT = "".join(
    [
        p("服务合同"),
        p("甲方：某某科技有限公司"),
        CONTACTS,
        p("乙方：某某咨询有限公司"),
        p("第一条 费用"),
        p("1.1 费用如下："),
        FEES,
        p("以上费用含税。"),
        p("1.2 付款方式：银行转账。"),
        p("第二条 其他"),
        p("本合同一式两份。"),
    ]
)
