"""Editorial commands above the site pipeline (issue 13): ``review`` (what needs an editor's
eyes), ``links`` (is the evidence still there), ``archive`` (an archived copy for each source)
and ``diff`` (what a change does for readers). They read content as ``build`` does and never
change it, except ``archive``, which adds ``archive_url`` lines."""
