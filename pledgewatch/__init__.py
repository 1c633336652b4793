"""Pledgewatch: curated YAML records about public pledges, built into a MkDocs site with feeds.

Pipeline stages, one module each: ``load`` -> ``validate`` -> ``model`` -> ``render`` ->
``build`` (MkDocs) -> ``feeds``. ``build.build()`` reads as the script of those stages.
"""

__version__ = "0.1.0"
