"""The closed lists of the RAN Collection template, as first loaded.

These lists seed the taxonomy tables through a data migration. After that the
tables are the source of truth: moderators may add entries in the admin, and
codes never change once used.
"""

KEY_THEMES: list[tuple[str, str, str]] = [
    ("family-support", "Family support", "Soutien de la famille"),
    ("local-strategies-cities", "Local strategies/cities", "Stratégies locales/villes"),
    ("multi-agency-cooperation", "Multi-agency cooperation", "Coopération multi-agences"),
    ("deradicalisation-disengagement", "Deradicalisation/disengagement", "Déradicalisation/désengagement"),
    ("exit-strategies", "Exit strategies", "Stratégies de sortie"),
    ("prison-probation", "Prison and probation", "Prison et probation"),
    ("alternative-counter-narratives", "Alternative and counter narratives", "Discours alternatifs et contre-discours"),
    ("formers", "Formers", "Anciens extrémistes"),
    (
        "ftf-families",
        "Foreign terrorist fighters and their families",
        "Combattants terroristes étrangers et leurs familles",
    ),
    ("islamist-extremism", "Islamist extremism", "Extrémisme islamiste"),
    ("violent-right-wing-extremism", "Violent right-wing extremism", "Extrémisme violent de droite"),
    ("violent-left-wing-extremism", "Violent left-wing extremism", "Extrémisme violent de gauche"),
    ("early-prevention", "(Early) prevention", "Prévention (précoce)"),
    ("education", "Formal/informal education", "Éducation formelle/informelle"),
    ("social-cohesion-polarisation", "Social cohesion and polarisation", "Cohésion sociale et polarisation"),
    ("youth-engagement", "Vulnerable youth and youth engagement", "Jeunes vulnérables et engagement des jeunes"),
    ("first-line-training", "Training for first-line practitioners", "Formation des praticiens de première ligne"),
    ("community-engagement", "Community engagement and empowerment", "Engagement et autonomisation des communautés"),
    ("victims-of-terrorism", "Victims of terrorism", "Victimes du terrorisme"),
    ("mental-health", "Mental health", "Santé mentale"),
    ("online-dimension", "New technologies and the online dimension", "Nouvelles technologies et dimension en ligne"),
    ("conspiracy-narratives", "Ideologies and conspiracy narratives", "Idéologies et théories du complot"),
    ("lone-actors", "Lone actors", "Acteurs isolés"),
]

TARGET_AUDIENCES: list[tuple[str, str, str]] = [
    ("violent-extremists", "Violent extremists", "Extrémistes violents"),
    ("first-responders-practitioners", "First responders or practitioners", "Premiers intervenants ou praticiens"),
    ("families", "Families", "Familles"),
    ("educators-academics", "Educators/academics", "Éducateurs/universitaires"),
    ("prison-probation", "Prison / probation", "Prison / probation"),
    ("general-public", "General public", "Grand public"),
    ("online-community", "Online community", "Communauté en ligne"),
    ("formers", "Formers", "Anciens extrémistes"),
    ("youth-pupils-students", "Youth/pupils/students", "Jeunes/élèves/étudiants"),
    (
        "local-community-organisations-ngos",
        "Local community organisations/NGOs",
        "Organisations communautaires locales/ONG",
    ),
    ("authorities", "Authorities", "Autorités"),
    ("law-enforcement", "Law enforcement officers", "Forces de l'ordre"),
    ("health-practitioners", "Health practitioners", "Professionnels de santé"),
    ("social-workers", "Social workers", "Travailleurs sociaux"),
    ("victims-of-terrorism", "Victims of terrorism", "Victimes du terrorisme"),
    ("religious-communities", "Religious leaders/communities", "Responsables et communautés religieux"),
]

ORGANISATION_TYPES: list[tuple[str, str, str]] = [
    ("municipality", "Municipality / local authority", "Municipalité / autorité locale"),
    ("police", "Police", "Police"),
    ("prison-probation", "Prison or probation service", "Service pénitentiaire ou de probation"),
    ("government-agency", "Government agency", "Organisme public"),
    ("ngo", "NGO", "ONG"),
    ("research-education", "Research or education", "Recherche ou enseignement"),
    ("health-social", "Health or social services", "Services de santé ou sociaux"),
    ("other", "Other", "Autre"),
]
