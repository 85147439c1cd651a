"""Pages of the members app: organisations (directory, profiles, staff), applications,
membership decisions and dues, one module each."""
