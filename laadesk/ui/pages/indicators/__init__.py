"""The Indicators page: the National Indicator Set and the area's own, and choosing among them."""
