"""Import industrial units from an XLSX or CSV file (the national capacity-identification campaign): the engine's
``import_past units`` under its own name, the options and report the same."""

from tashil.core.management.commands.import_past import Command as ImportCommand


class Command(ImportCommand):
    help = (
        "Import units from PATH (.xlsx or .csv). Nothing is written if any row is bad unless --partial. "
        "Exits 1 when rows were refused."
    )
    kind = "units"
