"""The Problems page: every broken rule, each a jump to the field at fault."""
