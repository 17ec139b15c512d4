"""Files that leave or enter laadesk: the exchange CSV/XLSX now, PDF and Excel packs later."""
