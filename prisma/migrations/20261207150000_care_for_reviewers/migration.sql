-- Care for reviewers: content warning, distress categories and flags, opting out of an item, daily cap, break reminder.
-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "blurDistressing" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "breakMinutes" INTEGER,
ADD COLUMN     "contentWarning" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "contentWarningAt" TIMESTAMP(3),
ADD COLUMN     "dailyCap" INTEGER,
ADD COLUMN     "distressCategories" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "warningSeenAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Suggestion" ADD COLUMN     "distress" JSONB;

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "skipReason" TEXT;
