"""Attribution: who said what, found by rules (``rules``) and by a learned tagger (``tagger``)."""
