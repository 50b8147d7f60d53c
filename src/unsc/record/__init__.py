"""The record: every Council decision since 1946 in one SQLite database.

``schema`` holds the tables, ``db`` where the file lives, ``readers`` one module per source
format, ``reconcile`` the order of precedence and the discrepancy report, ``build`` the atomic
build and ``fetch`` the download of the official files.
"""
