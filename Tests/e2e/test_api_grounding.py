"""Grounding on the real stack: POST/GET/DELETE /api/customer-data (a text/csv upload, parsed and checked)
and POST /api/personas/generate with `customer_data_id`, run by `cohorta-fcgi runner` against the LLM
simulator, which cites rows of the CSV it is shown. docs/openapi.yaml is the specification."""

import time
import uuid

import pytest

from stack import expect_error

CITIES = ["Leeds", "Bristol", "Glasgow", "Cardiff", "Norwich"]


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def twenty_rows() -> str:
    lines = ["age,gender,city,monthly_spend,note"]
    for number in range(1, 21):
        note = '"rides to work, mostly"' if number % 3 == 0 else "weekend rider"
        lines.append(f"{20 + number * 2},{'female' if number % 2 else 'male'},{CITIES[number % 5]},{number * 7},{note}")
    return "\r\n".join(lines) + "\r\n"


class Client:
    def __init__(self, stack):
        self.stack = stack
        self.token, self.user = stack.new_user()
        self.http = stack.session()

    def request(self, method: str, path: str, **kwargs):
        headers = bearer(self.token) | kwargs.pop("headers", {})
        return self.http.request(method, self.stack.url(path), headers=headers, timeout=10, **kwargs)

    def upload(self, csv: str, **params):
        return self.request("POST", "/api/customer-data", params=params, data=csv.encode(),
                            headers={"Content-Type": "text/csv"})

    def finished(self, task_id: str, timeout: float = 90) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            task = self.request("GET", f"/api/tasks/{task_id}").json()
            if task["status"] in ("succeeded", "failed", "cancelled"):
                return task
            assert time.monotonic() < deadline, task
            time.sleep(0.25)


@pytest.fixture
def ada(stack):
    return Client(stack)


def test_upload_list_read_delete(stack, ada):
    created = ada.upload(twenty_rows(), name="Q3 riders")
    assert created.status_code == 201, created.text
    dataset = created.json()
    assert dataset["name"] == "Q3 riders"
    assert dataset["columns"] == ["age", "gender", "city", "monthly_spend", "note"]
    assert dataset["row_count"] == 20
    listed = ada.request("GET", "/api/customer-data").json()["items"]
    assert [item["id"] for item in listed] == [dataset["id"]]
    one = ada.request("GET", f"/api/customer-data/{dataset['id']}").json()
    assert one["rows"][2][4] == "rides to work, mostly"
    assert ada.upload("a,b\n1,2\n").json()["name"] == "Customer data"
    assert ada.request("DELETE", f"/api/customer-data/{dataset['id']}").status_code == 204
    expect_error(ada.request("GET", f"/api/customer-data/{dataset['id']}"), 404, "not_found")


def test_bad_csvs_are_400_naming_the_row(stack, ada):
    cases = [
        ("a,b,c,d,e\n1,2,3,4,5\n" * 1 + "1,2,3,4\n", "row 2 has 4 cells, the header has 5"),
        ("a,b\n1,\"never closed\n", "row 1 has a quote that is never closed"),
        ("a,b\n", "no data rows"),
        ("", "header row is required"),
        ("a\n" + "x\n" * 501, "at most 500"),
        (",".join(f"c{n}" for n in range(31)) + "\n", "at most 30"),
        ("a,b\n1," + "x" * 501 + "\n", "row 1, column \"b\" is longer than 500"),
    ]
    for csv, message in cases:
        error = expect_error(ada.upload(csv), 400, "invalid_input", "csv")
        assert message in error["message"], (csv[:40], error)
    expect_error(ada.upload("a\n1\n", name=" "), 400, "invalid_input", "name")
    wrong_type = ada.request("POST", "/api/customer-data", data=b"a\n1\n", headers={"Content-Type": "text/plain"})
    expect_error(wrong_type, 415, "unsupported_media_type")
    assert ada.request("GET", "/api/customer-data").json()["items"] == []


def test_another_users_dataset_is_404_everywhere(stack, ada):
    bob = Client(stack)
    dataset = ada.upload(twenty_rows()).json()
    expect_error(bob.request("GET", f"/api/customer-data/{dataset['id']}"), 404, "not_found")
    expect_error(bob.request("DELETE", f"/api/customer-data/{dataset['id']}"), 404, "not_found")
    generate = bob.request("POST", "/api/personas/generate",
                           json={"brief": f"Commuters on e-bikes ({uuid.uuid4().hex})", "count": 1,
                                 "customer_data_id": dataset["id"]})
    expect_error(generate, 404, "not_found", "customer_data_id")
    assert bob.request("GET", "/api/customer-data").json()["items"] == []
    assert ada.request("GET", f"/api/customer-data/{dataset['id']}").status_code == 200


def test_a_panel_grounded_in_customer_data_cites_its_rows(stack, ada):
    dataset = ada.upload(twenty_rows()).json()
    response = ada.request("POST", "/api/personas/generate",
                           json={"brief": f"UK commuters weighing an e-bike subscription ({uuid.uuid4().hex}).",
                                 "count": 4, "customer_data_id": dataset["id"], "seed": 11})
    assert response.status_code == 202, response.text
    task = ada.finished(response.json()["task_id"])
    assert task["status"] == "succeeded", task
    assert task["result"]["created"] == 4, task["result"]
    cited = []
    for entry in task["result"]["personas"]:
        persona = ada.request("GET", f"/api/personas/{entry['persona_id']}").json()
        provenance = persona["provenance"]
        entries = provenance if isinstance(provenance, list) else [
            {"field": field} | origin for field, origin in provenance.items()]
        for origin in entries:
            if origin["source"] == "customer_data":
                assert origin["rows"] and all(1 <= row <= 20 for row in origin["rows"]), origin
                cited.append(origin)
            else:
                assert origin["source"] == "inferred" and origin["rows"] == [], origin
    assert cited, "no attribute was grounded in the customer data"
