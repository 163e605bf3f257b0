"""The draft document model: structure, numbering, references, fields, edits, files. No widgets."""
