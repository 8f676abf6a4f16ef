"""Image descriptions: vision messages as Cohorta's image_description task sends them."""

import base64
import json
import struct
import zlib

from test_server import png

SCHEMA = {"type": "object", "additionalProperties": False, "required": ["description"],
          "properties": {"description": {"type": "string"}}}


def jpeg(width, height):
    """A JPEG header: SOI, an APP0 segment, then a baseline start-of-frame with the size."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def webp(width, height):
    """A lossless WebP header (VP8L): 14-bit width-1 and height-1 after the signature byte."""
    bits = (width - 1) | ((height - 1) << 14)
    chunk = b"\x2f" + bits.to_bytes(4, "little") + b"\x00" * 8
    body = b"WEBP" + b"VP8L" + struct.pack("<I", len(chunk)) + chunk
    return b"RIFF" + struct.pack("<I", len(body)) + body


def body(image, media_type, title="Box design"):
    url = f"data:{media_type};base64," + base64.b64encode(image).decode()
    return {"model": "cohorta-sim-main", "temperature": 0.7, "response_format": {
        "type": "json_schema", "json_schema": {"name": "image_description", "schema": SCHEMA, "strict": False}},
        "messages": [
            {"role": "system", "content": "You describe images that a market researcher shows to a focus group."},
            {"role": "user", "content": [
                {"type": "text", "text": f"The researcher's title for this stimulus:\n<data name=\"title\">\n{title}\n"
                                         "</data>\n\nDescribe the attached image."},
                {"type": "image_url", "image_url": {"url": url}}]}]}


def description(simulator, image, media_type, title="Box design"):
    content = simulator.content(body(image, media_type, title))
    return json.loads(content)["description"]


def test_a_png_is_described_with_its_format_size_and_title(simulator):
    text = description(simulator, png(64, 48), "image/png")
    assert text.startswith("The PNG image (64×48 pixels) shows what the researcher calls “Box design”")
    assert 80 < len(text) < 600


def test_jpeg_and_webp_sizes_are_read_from_their_headers(simulator):
    assert "JPEG image (640×480 pixels)" in description(simulator, jpeg(640, 480), "image/jpeg")
    assert "WebP image (300×200 pixels)" in description(simulator, webp(300, 200), "image/webp")


def test_the_same_image_is_described_the_same_way_and_another_differently(simulator):
    first = description(simulator, png(64, 48), "image/png")
    assert description(simulator, png(64, 48), "image/png") == first
    others = {description(simulator, png(64 + n, 48), "image/png").split(" shows ", 1)[1] for n in range(1, 6)}
    assert len(others) > 1


def test_a_vision_request_counts_image_tokens_and_streams(simulator):
    answer = simulator.chat(body(png(8, 8), "image/png")).json()
    assert answer["usage"]["prompt_tokens"] >= 85
    streamed = simulator.chat({**body(png(8, 8), "image/png"), "stream": True})
    assert streamed.status_code == 200 and "[DONE]" in streamed.text


def test_a_large_image_is_accepted(simulator):
    raw = zlib.compress(b"\x00" * 100) + bytes(range(256)) * 16384  # ~4 MiB of noise after a PNG header
    image = png(32, 32) + raw
    assert "PNG image (32×32 pixels)" in description(simulator, image, "image/png")
