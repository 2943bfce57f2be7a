from kiosk_app.kernel.scan_hub import Scan, ScanHub


def test_captures_go_to_the_top_consumer_then_back_to_default() -> None:
    seen: list[str] = []
    hub = ScanHub(lambda s: seen.append("default:" + s.text) or True)
    pop = hub.push(lambda s: seen.append("dialog:" + s.text) or True)
    hub.deliver(Scan("123", "wedge"))
    pop()
    hub.deliver(Scan("456", "camera"))
    assert seen == ["dialog:123", "default:456"]
    assert not hub.captured


def test_a_consumer_may_decline() -> None:
    seen: list[str] = []
    hub = ScanHub(lambda s: seen.append("default") or True)
    hub.push(lambda s: False)
    assert hub.deliver(Scan("x", "typed"))
    assert seen == ["default"]
