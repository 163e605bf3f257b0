"""Reading Word (.docx) contracts as text the clause segmenter understands; no Qt here."""

from app.word.docx_reader import DocxText, read_docx_outline, read_docx_text

__all__ = ["DocxText", "read_docx_outline", "read_docx_text"]
