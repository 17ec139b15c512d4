"""The main window, its start page, and the controllers behind its menus (files, export, workshop, backups)."""
