"""The Champion notes page: the notes, their filters and the editor of one note."""
