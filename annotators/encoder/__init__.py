"""The accurate model: a fine-tuned small encoder (MiniLM) that tags Source / Cue / Content and scores
directed stance. Run time needs onnxruntime, tokenizers and numpy only, imported when first used."""
