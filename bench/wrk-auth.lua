-- wrk script: every request carries the bearer token from BENCH_TOKEN (bench/compare.py sets it).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
