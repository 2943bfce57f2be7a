import random

from central_api.catalog.gtin import gs1_check_digit, normalise_gtin
from central_api.demo.catalogue import generate_catalogue
from central_api.demo.locations import LOCATIONS


def test_catalogue_is_deterministic_per_seed() -> None:
    assert generate_catalogue(random.Random(7)) == generate_catalogue(random.Random(7))
    assert generate_catalogue(random.Random(7)) != generate_catalogue(random.Random(8))


def test_catalogue_is_big_and_realistic() -> None:
    products = generate_catalogue(random.Random(42))
    assert len(products) >= 500
    assert len({p.sku for p in products}) == len(products)
    assert len({p.gtin14 for p in products}) == len(products)
    for p in products:
        assert len(p.gtin14) == 14
        assert normalise_gtin(p.gtin14[1:]) == p.gtin14  # the GTIN-13 is valid
        assert p.price > 0 and p.price.as_tuple().exponent == -2
    styles_with_variants = {p.style_code for p in products if p.size}
    assert len(styles_with_variants) >= 40
    departments = {p.department for p in products}
    assert {"Femme", "Homme", "Chaussures", "Maison"} <= departments


def test_locations_are_real_french_cities() -> None:
    stores = [loc for loc in LOCATIONS if loc.kind == "store"]
    warehouses = [loc for loc in LOCATIONS if loc.kind == "warehouse"]
    assert len(stores) >= 12 and len(warehouses) == 1
    for loc in LOCATIONS:  # metropolitan France bounding box
        assert 41.3 < loc.latitude < 51.1 and -5.2 < loc.longitude < 9.6


def test_check_digit_known_values() -> None:
    assert gs1_check_digit("400638133393") == "1"
    assert gs1_check_digit("950600013435") == "2"
    assert normalise_gtin("4006381333931") == "04006381333931"
    assert normalise_gtin("4006381333932") is None
    assert normalise_gtin("96385074") == "00000096385074"
    assert normalise_gtin("abc") is None
