"""Product styles with size/colour variants, in realistic retail departments."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from central_api.catalog.gtin import make_gtin13

COMPANY_PREFIX = "3760123"  # a French GS1 prefix (300-379) + company number

#: colour name -> (hex swatch, SKU code)
COLOURS: dict[str, tuple[str, str]] = {
    "Noir": ("#1f1f1f", "NOI"),
    "Blanc": ("#f4f4f0", "BLC"),
    "Bleu marine": ("#1c2b4a", "MAR"),
    "Gris chiné": ("#9a9a9a", "GRI"),
    "Rouge": ("#b3262e", "ROU"),
    "Vert sauge": ("#8ea58c", "SAU"),
    "Beige": ("#d8c8a8", "BEI"),
    "Camel": ("#b5824a", "CAM"),
    "Bleu ciel": ("#8fb8de", "CIE"),
    "Rose poudré": ("#e3b7b7", "ROS"),
    "Kaki": ("#6b6a3a", "KAK"),
    "Moutarde": ("#d1a21c", "MOU"),
}

APPAREL_SIZES = ("XS", "S", "M", "L", "XL")
JEANS_SIZES = ("36", "38", "40", "42", "44")
SHOE_SIZES = ("37", "38", "39", "40", "41", "42", "43", "44")
KID_SIZES = ("4A", "6A", "8A", "10A", "12A")
BED_SIZES = ("140x190", "160x200")


@dataclass(frozen=True)
class Family:
    department: str
    category: str
    names: tuple[str, ...]
    brands: tuple[str, ...]
    sizes: tuple[str, ...] | None
    price_range: tuple[int, int]  # euros
    styles: int
    colours_per_style: tuple[int, int]


FAMILIES: tuple[Family, ...] = (
    Family(
        "Femme",
        "T-shirts",
        (
            "T-shirt col rond coton bio",
            "T-shirt col V",
            "Débardeur côtelé",
            "T-shirt manches longues",
        ),
        ("Atelier Nord", "Maison Lune"),
        APPAREL_SIZES,
        (12, 29),
        7,
        (2, 4),
    ),
    Family(
        "Femme",
        "Robes",
        ("Robe portefeuille", "Robe chemise en lin", "Robe pull maille"),
        ("Maison Lune", "Rive Gauche"),
        APPAREL_SIZES,
        (39, 89),
        5,
        (1, 3),
    ),
    Family(
        "Femme",
        "Jeans",
        ("Jean droit taille haute", "Jean mom", "Jean flare"),
        ("Denim & Co", "Atelier Nord"),
        JEANS_SIZES,
        (45, 79),
        4,
        (1, 2),
    ),
    Family(
        "Homme",
        "Chemises",
        ("Chemise oxford", "Chemise en lin", "Surchemise velours"),
        ("Atelier Nord", "Le Tisserand"),
        APPAREL_SIZES,
        (35, 69),
        5,
        (1, 3),
    ),
    Family(
        "Homme",
        "Pulls",
        ("Pull col rond mérinos", "Cardigan en laine", "Sweat à capuche"),
        ("Le Tisserand", "Côte Sport"),
        APPAREL_SIZES,
        (39, 99),
        5,
        (2, 3),
    ),
    Family(
        "Homme",
        "Pantalons",
        ("Chino slim", "Pantalon cargo", "Jean regular"),
        ("Denim & Co", "Atelier Nord"),
        JEANS_SIZES,
        (45, 85),
        4,
        (1, 3),
    ),
    Family(
        "Chaussures",
        "Baskets",
        ("Basket cuir blanche", "Basket running légère", "Basket montante toile"),
        ("Côte Sport", "Pas Léger"),
        SHOE_SIZES,
        (59, 129),
        6,
        (1, 2),
    ),
    Family(
        "Chaussures",
        "Bottines",
        ("Bottine chelsea cuir", "Bottine à lacets"),
        ("Pas Léger",),
        SHOE_SIZES,
        (89, 159),
        3,
        (1, 2),
    ),
    Family(
        "Sport",
        "Running",
        ("Legging de running", "T-shirt technique", "Veste coupe-vent"),
        ("Côte Sport",),
        APPAREL_SIZES,
        (25, 89),
        4,
        (1, 3),
    ),
    Family(
        "Enfant",
        "Vêtements enfant",
        ("Sweat enfant", "Pyjama coton", "Parka enfant"),
        ("Petit Mousse",),
        KID_SIZES,
        (15, 59),
        4,
        (1, 3),
    ),
    Family(
        "Maison",
        "Linge de lit",
        ("Housse de couette lin lavé", "Parure percale"),
        ("Maison Lune",),
        BED_SIZES,
        (69, 149),
        3,
        (2, 3),
    ),
    Family(
        "Maison",
        "Décoration",
        ("Bougie parfumée", "Vase en grès", "Plaid en laine", "Coussin velours"),
        ("Maison Lune", "Terre & Feu"),
        None,
        (15, 79),
        6,
        (1, 3),
    ),
    Family(
        "Accessoires",
        "Sacs",
        ("Sac cabas cuir", "Sac banane", "Sac à dos urbain"),
        ("Rive Gauche", "Côte Sport"),
        None,
        (29, 189),
        4,
        (1, 3),
    ),
    Family(
        "Beauté",
        "Soins",
        ("Crème visage hydratante", "Huile sèche corps", "Baume à lèvres"),
        ("Terre & Feu",),
        None,
        (9, 39),
        4,
        (1, 1),
    ),
)


@dataclass(frozen=True)
class ProductSeed:
    sku: str
    gtin14: str
    style_code: str
    name: str
    brand: str
    department: str
    category: str
    description: str
    colour: str | None
    colour_hex: str | None
    size: str | None
    size_rank: int
    price: Decimal


def _style_price(rng: random.Random, low: int, high: int) -> Decimal:
    """Retail-looking prices: whole euros ending in .99 or .90 or .00."""
    euros = rng.randint(low, high)
    cents = rng.choice(("99", "90", "00", "99"))
    return Decimal(f"{euros - 1 if cents != '00' else euros}.{cents}")


def generate_catalogue(rng: random.Random) -> list[ProductSeed]:
    products: list[ProductSeed] = []
    item_ref = 1
    style_no = 1
    colour_names = list(COLOURS)
    for family in FAMILIES:
        for i in range(family.styles):
            base_name = family.names[i % len(family.names)]
            brand = rng.choice(family.brands)
            style_code = f"ST{style_no:05d}"
            style_no += 1
            price = _style_price(rng, *family.price_range)
            n_colours = rng.randint(*family.colours_per_style)
            colours = rng.sample(colour_names, n_colours)
            qualifier = (
                ""
                if i < len(family.names)
                else f" {rng.choice(('Essentiel', 'Édition', 'Premium', 'Classique'))}"
            )
            name = base_name + qualifier
            description = f"{name} {brand}. {family.category} - rayon {family.department.lower()}."
            sizes: tuple[str | None, ...] = family.sizes or (None,)
            for colour in colours:
                for rank, size in enumerate(sizes):
                    gtin13 = make_gtin13(COMPANY_PREFIX, item_ref)
                    item_ref += 1
                    colour_hex, colour_code = COLOURS[colour]
                    sku = f"{style_code}-{colour_code}" + (f"-{size}" if size else "")
                    products.append(
                        ProductSeed(
                            sku=sku,
                            gtin14="0" + gtin13,
                            style_code=style_code,
                            name=name,
                            brand=brand,
                            department=family.department,
                            category=family.category,
                            description=description,
                            colour=colour,
                            colour_hex=colour_hex,
                            size=size,
                            size_rank=rank,
                            price=price,
                        )
                    )
    return products
