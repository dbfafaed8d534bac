import httpx
import anyio
