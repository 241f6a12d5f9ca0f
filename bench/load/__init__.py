"""The load benchmark: real HTTP through gunicorn, driven by Locust.

`make bench-load` (python -m bench.load.run) measures one machine;
`make bench-cluster` (python -m bench.load.cluster, as root) runs two web
nodes behind HAProxy in network namespaces and kills one mid-run. The
request mix is defined once, in bench/load/mix.py.
"""
