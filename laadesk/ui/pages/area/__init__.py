"""The Area page: the area profile, its districts and the partners in the LSP."""
