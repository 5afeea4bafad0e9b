"""A visual audit of a build: ``zhextract report`` (one HTML file) and ``zhextract diff`` (two builds).

Modules, in the order data flows through them:

- :mod:`.dataset`: reading a dataset folder, with one-line errors naming the file;
- :mod:`.original`: the original text rebuilt from the clean text and its edits;
- :mod:`.collect`: one streaming pass over the articles: statistics, table rows, article pages;
- :mod:`.charts`: the plotly figures of the summary;
- :mod:`.render`: the HTML page and its ``<name>_files/`` folder, written atomically;
- :mod:`.diff` and :mod:`.diff_render`: what changed between two datasets, as text or HTML.
"""
