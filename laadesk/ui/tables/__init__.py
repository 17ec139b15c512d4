"""The kit every table of records is built from: columns, roles, a model that refreshes in place, views."""
