"""`thresholds import`: a faithful draft partnership folder from a threshold document's indicator tables.

Readers turn a Word document (docx_reader), a web page (html_reader) or tab-separated text (text_reader)
into tables of cells (table.py); reading.py finds the levels, domains and indicators in them, word for
word, with what a person must look at; draft.py writes the folder the way `thresholds new` does.
"""
