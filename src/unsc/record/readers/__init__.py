"""One module per source format; each yields plain records and raises RecordError on bad input."""
