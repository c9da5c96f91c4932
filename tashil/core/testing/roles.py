"""The role keys of the test world and the permission matrix (one user each in ``tashil.site.testing.world``)."""

# Role keys used by the permission matrix. "_b" users hold the same role in the other province's county.
ROLES = (
    "anonymous",
    "admin",
    "secretariat",
    "secretariat_b",
    "province_secretariat",
    "manager",
    "manager_b",
    "nation_manager",
    "agency_officer",
    "agency_officer_b",
    "clinic_expert",
    "unit_rep",
    "unit_rep_b",
)
