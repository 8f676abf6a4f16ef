"""Cohorta's OpenAI-compatible LLM simulator; scripts/llm-simulator.py is its command line."""
