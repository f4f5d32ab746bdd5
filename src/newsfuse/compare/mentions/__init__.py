"""What the articles mention besides their claims: quotes and their speakers (``quotes``), named
entities (``entities``) and dated events (``timeline``)."""
