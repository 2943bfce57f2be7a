"""Stores in real French cities (coordinates of their city centres) and one warehouse."""

from typing import NamedTuple


class LocationSeed(NamedTuple):
    code: str
    name: str
    kind: str
    city: str
    postcode: str
    address: str
    latitude: float
    longitude: float


LOCATIONS: tuple[LocationSeed, ...] = (
    LocationSeed(
        "PAR01", "Paris Rivoli", "store", "Paris", "75001", "120 rue de Rivoli", 48.8606, 2.3429
    ),
    LocationSeed(
        "PAR02",
        "Paris Montparnasse",
        "store",
        "Paris",
        "75015",
        "31 rue du Départ",
        48.8422,
        2.3211,
    ),
    LocationSeed(
        "LYO01",
        "Lyon Part-Dieu",
        "store",
        "Lyon",
        "69003",
        "17 rue du Docteur Bouchut",
        45.7606,
        4.8590,
    ),
    LocationSeed(
        "MRS01",
        "Marseille Canebière",
        "store",
        "Marseille",
        "13001",
        "52 La Canebière",
        43.2976,
        5.3792,
    ),
    LocationSeed(
        "TLS01",
        "Toulouse Capitole",
        "store",
        "Toulouse",
        "31000",
        "8 place du Capitole",
        43.6045,
        1.4440,
    ),
    LocationSeed(
        "NCE01", "Nice Masséna", "store", "Nice", "06000", "24 avenue Jean Médecin", 43.7009, 7.2683
    ),
    LocationSeed(
        "NTE01",
        "Nantes Commerce",
        "store",
        "Nantes",
        "44000",
        "2 place du Commerce",
        47.2133,
        -1.5584,
    ),
    LocationSeed(
        "SXB01",
        "Strasbourg Kléber",
        "store",
        "Strasbourg",
        "67000",
        "1 place Kléber",
        48.5834,
        7.7458,
    ),
    LocationSeed(
        "MPL01",
        "Montpellier Comédie",
        "store",
        "Montpellier",
        "34000",
        "5 place de la Comédie",
        43.6085,
        3.8799,
    ),
    LocationSeed(
        "BOD01",
        "Bordeaux Sainte-Catherine",
        "store",
        "Bordeaux",
        "33000",
        "90 rue Sainte-Catherine",
        44.8378,
        -0.5741,
    ),
    LocationSeed(
        "LIL01", "Lille Grand Place", "store", "Lille", "59000", "15 rue Neuve", 50.6366, 3.0635
    ),
    LocationSeed(
        "REN01",
        "Rennes République",
        "store",
        "Rennes",
        "35000",
        "3 quai Lamartine",
        48.1096,
        -1.6794,
    ),
    LocationSeed(
        "GNB01",
        "Grenoble Victor Hugo",
        "store",
        "Grenoble",
        "38000",
        "9 place Victor Hugo",
        45.1885,
        5.7245,
    ),
    LocationSeed(
        "DIJ01", "Dijon Liberté", "store", "Dijon", "21000", "40 rue de la Liberté", 47.3220, 5.0415
    ),
    LocationSeed(
        "WH-ORL",
        "Entrepôt Orléans-Saran",
        "warehouse",
        "Saran",
        "45770",
        "ZAC des Vergers",
        47.9500,
        1.8756,
    ),
)
