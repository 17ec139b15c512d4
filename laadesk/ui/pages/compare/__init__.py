"""The Compare page: what changed between agreed versions, or since the latest one."""
