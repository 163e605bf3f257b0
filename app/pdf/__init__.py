"""PDF and print: a draft laid out by Qt's rich text (QtGui, never widgets) on A4 pages.

Its own layer between the window and the commands: the commands reach it only through the
hook ``app.main`` hands them, so a headless ``export`` to .docx never loads Qt.
"""
