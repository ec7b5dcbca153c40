-- AlterTable
ALTER TABLE "Label" ADD COLUMN     "errorBudget" DOUBLE PRECISION;
