-- Claude's fine-tuning format (issue 27), beside OpenAI's chat format.
ALTER TYPE "ExportFormat" ADD VALUE 'FINETUNE_CLAUDE' AFTER 'FINETUNE_CHAT';
