"""Writes the small sample files of the demo resources (fixtures/resources/): an ODT of
association statutes to adapt, an ODS budget template and a PDF checklist.

Run it again after changing the texts: `python scripts/make_demo_files.py` (needs the dev
dependencies odfpy and fpdf2). The files are committed; the site never runs this script.
"""

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.style import Style, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, P

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "resources"

STATUTES = [
    ("h", "Statuts de l’association [NOM DE L’ASSOCIATION]"),
    (
        "p",
        "Modèle à adapter, proposé par le réseau La Fabrique du Bocage. Les passages entre "
        "crochets sont à compléter. Ce modèle ne remplace pas un conseil juridique : relisez-le "
        "avec les membres fondateurs et, au besoin, avec une structure d’accompagnement.",
    ),
    ("h", "Article 1 – Constitution et dénomination"),
    (
        "p",
        "Il est fondé entre les adhérents aux présents statuts une association régie par la loi "
        "du 1er juillet 1901 et le décret du 16 août 1901, ayant pour titre : [NOM].",
    ),
    ("h", "Article 2 – Objet"),
    (
        "p",
        "Cette association a pour objet de faire vivre un tiers-lieu à [COMMUNE] : un espace "
        "ouvert où habitants, associations et professionnels se rencontrent, travaillent, "
        "fabriquent, apprennent et mènent des projets ensemble. [Préciser les activités.]",
    ),
    ("h", "Article 3 – Siège social"),
    (
        "p",
        "Le siège social est fixé à [ADRESSE]. Il pourra être transféré par décision du conseil.",
    ),
    ("h", "Article 4 – Membres"),
    (
        "p",
        "L’association se compose de membres adhérents, qui versent une cotisation annuelle "
        "fixée par l’assemblée générale, et de membres [bienfaiteurs, d’honneur…]. "
        "[Préciser les conditions d’adhésion et de perte de la qualité de membre.]",
    ),
    ("h", "Article 5 – Ressources"),
    (
        "p",
        "Les ressources de l’association comprennent les cotisations, les recettes de ses "
        "activités, les subventions et toute ressource autorisée par la loi.",
    ),
    ("h", "Article 6 – Assemblée générale"),
    (
        "p",
        "L’assemblée générale réunit tous les membres [une fois par an]. [Préciser la "
        "convocation, le quorum, les modalités de vote et ce qu’elle décide.]",
    ),
    ("h", "Article 7 – Conseil d’administration ou collégiale"),
    (
        "p",
        "L’association est administrée par [un conseil d’administration / une direction "
        "collégiale] de [N] membres élus par l’assemblée générale. [Préciser son rôle, la durée "
        "des mandats et la façon dont il décide.]",
    ),
    ("h", "Article 8 – Règlement intérieur"),
    ("p", "Un règlement intérieur peut préciser le fonctionnement du lieu au quotidien."),
    ("h", "Article 9 – Dissolution"),
    (
        "p",
        "En cas de dissolution, l’assemblée générale désigne un ou plusieurs liquidateurs et "
        "attribue l’actif net à [une association poursuivant un but similaire].",
    ),
    ("p", "Fait à [COMMUNE], le [DATE]. Signatures de deux membres fondateurs au moins."),
]

BUDGET_ROWS = [
    ("Poste", "Prévisionnel année 1 (€)", "Réalisé (€)", "Remarques"),
    ("CHARGES", "", "", ""),
    ("Loyer et charges du local", "", "", ""),
    ("Assurances", "", "", ""),
    ("Énergie, eau, internet", "", "", ""),
    ("Matériel et aménagement", "", "", ""),
    ("Achats pour les activités", "", "", ""),
    ("Communication", "", "", ""),
    ("Salaires et charges sociales", "", "", ""),
    ("Autres charges", "", "", ""),
    ("PRODUITS", "", "", ""),
    ("Adhésions et cotisations", "", "", ""),
    ("Location d’espaces (coworking, salles)", "", "", ""),
    ("Recettes des activités (ateliers, café…)", "", "", ""),
    ("Prestations et formations", "", "", ""),
    ("Subventions publiques", "", "", ""),
    ("Mécénat, dons, financement participatif", "", "", ""),
    ("Autres produits", "", "", ""),
    ("Contributions volontaires (bénévolat, mises à disposition)", "", "", "à valoriser"),
]

CHECKLIST = [
    (
        "Idée",
        [
            "Écrire en une page le lieu rêvé : pour qui, pour quoi, où.",
            "Parler du projet autour de soi et repérer les personnes motivées.",
            "Visiter deux ou trois tiers-lieux du réseau.",
        ],
    ),
    (
        "Émergence",
        [
            "Réunir un premier collectif et partager une raison d’être.",
            "Recenser les besoins du territoire (questionnaire, rencontres).",
            "Choisir une forme juridique avec un accompagnement.",
        ],
    ),
    (
        "Préfiguration",
        [
            "Tester des activités hors les murs ou dans un local prêté.",
            "Chercher un bâtiment avec la commune et les propriétaires.",
            "Établir un budget prévisionnel et un plan de financement.",
        ],
    ),
    (
        "Ouverture",
        [
            "Vérifier assurances, sécurité et accessibilité du local avec les services compétents.",
            "Fixer les règles de vie du lieu et les horaires.",
            "Organiser un temps d’ouverture festif et inscrire le lieu dans l’annuaire.",
        ],
    ),
    (
        "Consolidation",
        [
            "Faire le bilan de la première année en assemblée générale.",
            "Diversifier les ressources et partager les responsabilités.",
            "Accueillir à son tour des porteurs de projet.",
        ],
    ),
]


def statutes() -> None:
    document = OpenDocumentText()
    bold = Style(name="Titre", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold"))
    document.styles.addElement(bold)
    for kind, text in STATUTES:
        document.text.addElement(H(outlinelevel=2, text=text) if kind == "h" else P(text=text))
    document.save(str(OUT / "statuts-association-modele.odt"))


def budget() -> None:
    document = OpenDocumentSpreadsheet()
    table = Table(name="Budget prévisionnel")
    for _ in range(4):
        table.addElement(TableColumn())
    for row in BUDGET_ROWS:
        line = TableRow()
        for value in row:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    document.save(str(OUT / "budget-previsionnel-modele.ods"))


def checklist() -> None:
    pdf = FPDF(format="A4")
    pdf.set_title("Liste de contrôle du porteur de projet de tiers-lieu")
    pdf.set_author("La Fabrique du Bocage")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))  # the same bytes each run
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.multi_cell(
        0, 9, "Ouvrir un tiers-lieu : la liste de contrôle", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("helvetica", "", 10)
    pdf.multi_cell(
        0,
        6,
        "La Fabrique du Bocage - parcours du porteur de projet, étape par étape.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    for stage, steps in CHECKLIST:
        pdf.ln(3)
        pdf.set_font("helvetica", "B", 13)
        pdf.multi_cell(0, 8, stage, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", "", 11)
        for step in steps:
            pdf.multi_cell(0, 7, f"[  ]  {step}".replace("’", "'"), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(OUT / "liste-de-controle-porteur.pdf"))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    statutes()
    budget()
    checklist()
