"""What the test suites share, one module for each thing; tests import it as `support.<module>`."""
