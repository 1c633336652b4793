"""Pledgewatch's benchmark: a synthetic content tree (``synth``) and the measurements that
compare the pipeline with the libraries underneath it (``bench``)."""
