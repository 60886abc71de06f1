"""The navigator in the browser: the decision package zipped for Pyodide, and the page's scripts."""
