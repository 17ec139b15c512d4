"""The Sign-off and timetable page: adoptions, the GO recommendation and sign-off, and the milestones."""
