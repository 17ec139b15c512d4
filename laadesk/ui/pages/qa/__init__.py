"""The Quality assurance page: the GO reviewer's checklist for this agreement."""
